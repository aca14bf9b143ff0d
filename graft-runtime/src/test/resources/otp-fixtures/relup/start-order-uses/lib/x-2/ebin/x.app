{application,x,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['x.X']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
