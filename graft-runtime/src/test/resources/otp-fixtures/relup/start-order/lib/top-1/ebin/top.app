{application,top,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['top.T']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
