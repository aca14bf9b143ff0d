{application,y,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['y.Y']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
